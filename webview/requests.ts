// Requests between the webview and the extension, both ways: ours carry an id and wait for the
// matching reply (rejected on an error reply, a failure or dispose); the host's are answered
// with a reply carrying the body or the error.
import type { HostRequest } from '../src/protocol/messages';
import type { Transport } from './host';

export class Requests {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (b: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly transport: Transport) {}

  /** Asks the extension something; rejected if it answers with an error or the app is disposed. */
  ask(req: HostRequest): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.post({ type: 'request', id, req });
    });
  }

  /** The extension answered request `id`. */
  settle(id: number, ok: boolean, body: unknown, error: string | undefined): void {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (p) (ok ? p.resolve(body) : p.reject(new Error(error ?? 'request failed')));
  }

  /** Answers the extension's request `id` with what `p` settles to. */
  answer(id: number, p: Promise<unknown>): void {
    p.then(
      (body) => this.transport.post({ type: 'reply', id, ok: true, body }),
      (e: unknown) => this.transport.post({ type: 'reply', id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** Every request still waiting fails with `message` (the app failed or closed). */
  rejectAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }
}
