// The emulated vendors, in the order their path claims are checked.
import type { AnyVendorModule } from '../core/vendor';
import { desk } from './desk';

export const VENDORS: readonly AnyVendorModule[] = [desk];

export function vendorNames(): string[] {
  return VENDORS.map((v) => v.name);
}
