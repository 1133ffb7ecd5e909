// GET /_emulator/events: hands the response to the event streams, filtered by the query's namespace and vendor.
import type { ControlHandler } from '../context';
import { checkVendor } from '../operations';

export const DEFAULT_REPLAY = 100;

export const streamEvents: ControlHandler = ({ deps, input }) => {
  const vendor = input.query.vendor as string | undefined;
  checkVendor(deps, vendor);
  const filter = { namespace: input.query.namespace as string | undefined, vendor, replay: (input.query.replay as number | undefined) ?? DEFAULT_REPLAY };
  return { stream: (res, headers) => deps.events.open(res, filter, headers) };
};
