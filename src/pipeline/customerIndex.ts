/**
 * The run's customers by ID, as one map from ID to position in the customer list.
 *
 * Why one: the customer reader (duplicates), the sales reader (each line's customer index) and
 * the analyses (customers by ID) each built their own 50,000-entry map, ~25–40 ms apiece with
 * the garbage they left (CPU profile of the engine bench). The readers fill this one map, and
 * `CustomersById` answers the analyses' lookups through it.
 */
import type { Customer } from "../domain/model";

/** Values by customer ID through the loader's index: a read-only Map without a map of its own. */
class ByCustomerId<T> implements ReadonlyMap<string, T> {
  constructor(
    protected readonly indexOf: ReadonlyMap<string, number>,
    /** At each customer's position in the customer list. */
    private readonly values_: readonly T[],
  ) {}

  get size(): number {
    return this.indexOf.size;
  }

  get(id: string): T | undefined {
    const i = this.indexOf.get(id);
    return i === undefined ? undefined : this.values_[i];
  }

  has(id: string): boolean {
    return this.indexOf.has(id);
  }

  forEach(fn: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [id, c] of this.entries()) fn.call(thisArg, c, id, this);
  }

  *entries(): MapIterator<[string, T]> {
    for (const [id, i] of this.indexOf) yield [id, this.values_[i]];
  }

  keys(): MapIterator<string> {
    return this.indexOf.keys();
  }

  *values(): MapIterator<T> {
    for (const i of this.indexOf.values()) yield this.values_[i];
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }
}

/** The customers by ID, through the loader's index. */
export class CustomersById extends ByCustomerId<Customer> {
  constructor(indexOf: ReadonlyMap<string, number>, private readonly customers: readonly Customer[]) {
    super(indexOf, customers);
  }

  /**
   * Per-customer results kept in the customers' order (`values[i]` is `customers[i]`'s), by
   * customer ID through the same index: an analysis adds no 50,000-entry map of its own.
   */
  alongside<T>(values: readonly T[]): ReadonlyMap<string, T> {
    if (values.length !== this.customers.length) throw new Error(`alongside: ${values.length} values for ${this.customers.length} customers`);
    return new ByCustomerId(this.indexOf, values);
  }
}
