/**
 * The run's customers by ID, as one map from ID to position in the customer list.
 *
 * Why one: the customer reader (duplicates), the sales reader (each line's customer index) and
 * the analyses (customers by ID) each built their own 50,000-entry map, ~25–40 ms apiece with
 * the garbage they left (CPU profile of the engine bench). The readers fill this one map, and
 * `CustomersById` answers the analyses' lookups through it.
 */
import type { Customer } from "../domain/model";

/** The customers by ID, through the loader's index (a read-only Map without a map of its own). */
export class CustomersById implements ReadonlyMap<string, Customer> {
  constructor(
    private readonly indexOf: ReadonlyMap<string, number>,
    private readonly customers: readonly Customer[],
  ) {}

  get size(): number {
    return this.indexOf.size;
  }

  get(id: string): Customer | undefined {
    const i = this.indexOf.get(id);
    return i === undefined ? undefined : this.customers[i];
  }

  has(id: string): boolean {
    return this.indexOf.has(id);
  }

  forEach(fn: (value: Customer, key: string, map: ReadonlyMap<string, Customer>) => void, thisArg?: unknown): void {
    for (const [id, c] of this.entries()) fn.call(thisArg, c, id, this);
  }

  *entries(): MapIterator<[string, Customer]> {
    for (const [id, i] of this.indexOf) yield [id, this.customers[i]];
  }

  keys(): MapIterator<string> {
    return this.indexOf.keys();
  }

  *values(): MapIterator<Customer> {
    for (const i of this.indexOf.values()) yield this.customers[i];
  }

  [Symbol.iterator](): MapIterator<[string, Customer]> {
    return this.entries();
  }
}
