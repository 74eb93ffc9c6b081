// Interning: each distinct value stored once and referred to by a dense id (store arg column,
// names shipped to the webview once).

export class InternTable<T extends string | number> {
  private readonly ids = new Map<T, number>();
  readonly values: T[] = [];

  /** Id of `v`, adding it if new. */
  intern(v: T): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.push(v) - 1;
      this.ids.set(v, id);
    }
    return id;
  }

  /** Id of `v`, or -1 if it was never interned. */
  find(v: T): number {
    return this.ids.get(v) ?? -1;
  }

  get(id: number): T {
    const v = this.values[id];
    if (v === undefined) throw new RangeError(`no interned value with id ${id}`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }

  /** Rough heap bytes: for the store's bytes-per-event figure. */
  approxBytes(): number {
    let b = 0;
    for (const v of this.values) b += typeof v === 'string' ? 40 + v.length * 2 : 40;
    return b;
  }
}

export class StringTable extends InternTable<string> {}
