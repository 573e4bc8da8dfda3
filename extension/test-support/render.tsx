// Renders a React view into happy-dom for component tests (React's own act; no extra library).
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  /** the element with data-testid `id` (throws when absent) */
  get(id: string): HTMLElement;
  query(id: string): HTMLElement | null;
  all(id: string): HTMLElement[];
  rerender(node: ReactNode): Promise<void>;
  unmount(): Promise<void>;
}

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root!: Root;
  await act(async () => {
    root = createRoot(container);
    root.render(node);
  });
  const query = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return {
    container,
    query,
    get(id) {
      const el = query(id);
      if (!el)
        throw new Error(`no [data-testid="${id}"] in: ${(container.textContent ?? '').slice(0, 2000)}`);
      return el;
    },
    all: (id) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)],
    rerender: (next) => act(async () => root.render(next)),
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Types into a React-controlled input or textarea the way a user does (React sees the change). */
export async function typeInto(el: HTMLElement, value: string): Promise<void> {
  const input = el as HTMLInputElement | HTMLTextAreaElement;
  const proto = Object.getPrototypeOf(input) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function fire(el: HTMLElement, event: Event): Promise<void> {
  await act(async () => {
    el.dispatchEvent(event);
  });
}

/** Waits (with React's act flushing) until `check` stops throwing. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await act(async () => new Promise((r) => setTimeout(r, 20)));
    }
  }
}
