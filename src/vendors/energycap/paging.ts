// EnergyCAP paging: pageNumber (default 1) and pageSize (default 250, capped at 1000) in, one page of the
// list out, with the PageNumber, PageSize, TotalNumberOfRecords and TotalPages response headers.
import type { VendorResponse } from '../../core/vendor';

export const DEFAULT_PAGE_SIZE = 250;
export const MAX_PAGE_SIZE = 1000;

export function paged<T>(items: readonly T[], query: Record<string, unknown>): VendorResponse {
  const pageNumber = typeof query.pageNumber === 'number' ? query.pageNumber : 1;
  const pageSize = Math.min(typeof query.pageSize === 'number' ? query.pageSize : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = (pageNumber - 1) * pageSize;
  return {
    status: 200,
    body: items.slice(start, start + pageSize),
    headers: {
      PageNumber: String(pageNumber),
      PageSize: String(pageSize),
      TotalNumberOfRecords: String(items.length),
      TotalPages: String(Math.ceil(items.length / pageSize)),
    },
  };
}
