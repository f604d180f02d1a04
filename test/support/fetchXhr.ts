import type { XhrLike } from '../../src/transports/websocket';

/**
 * An `XMLHttpRequest` for Node tests, over `fetch`: enough of one for the websocket transport's
 * uploads to reach a real host (no upload progress events: fetch has none).
 *
 * @example
 * const uploads = createUploadAdapter({ baseUrl: url, tokenProvider, XMLHttpRequest: FetchXhr });
 */
export class FetchXhr extends EventTarget implements XhrLike {
  readonly upload = new EventTarget();
  status = 0;
  responseText = '';
  timeout = 0;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  send(body: Blob): void {
    fetch(this.url, { method: this.method, headers: this.headers, body, signal: this.controller.signal }).then(
      async (response) => {
        this.status = response.status;
        this.responseText = await response.text();
        this.dispatchEvent(new Event('load'));
      },
      () => this.dispatchEvent(new Event(this.controller.signal.aborted ? 'abort' : 'error')),
    );
  }

  abort(): void {
    this.controller.abort();
  }
}
