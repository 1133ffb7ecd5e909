// The insertion order of a state's shares Map, kept beside it so that a `get` naming its shares by id
// (`where: {id}` or `{id: {in: [...]}}`) looks them up in the Map instead of scanning every share, and
// still returns them in the order a scan would. Built on first use; the handlers report every add and delete.
import type { ShareRecord } from './state';

interface ShareOrder {
  positions: Map<string, number>;
  next: number;
}

const orders = new WeakMap<Map<string, ShareRecord>, ShareOrder>();

function orderOf(shares: Map<string, ShareRecord>): ShareOrder {
  let order = orders.get(shares);
  if (!order) {
    const positions = new Map<string, number>();
    let next = 0;
    for (const id of shares.keys()) positions.set(id, next++);
    order = { positions, next };
    orders.set(shares, order);
  }
  return order;
}

/** Call after `shares.set` of a new id: it goes to the end of the Map's order. */
export function shareAdded(shares: Map<string, ShareRecord>, id: string): void {
  const order = orders.get(shares);
  if (order && !order.positions.has(id)) order.positions.set(id, order.next++);
}

/** Call after `shares.delete`. */
export function shareRemoved(shares: Map<string, ShareRecord>, id: string): void {
  orders.get(shares)?.positions.delete(id);
}

/** Some of the Map's shares, in the Map's iteration order. */
export function inMapOrder(shares: Map<string, ShareRecord>, some: ShareRecord[]): ShareRecord[] {
  if (some.length < 2) return some;
  const { positions } = orderOf(shares);
  return some.sort((a, b) => (positions.get(a.id) as number) - (positions.get(b.id) as number));
}
