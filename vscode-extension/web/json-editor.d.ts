/** The part of @json-editor/json-editor (which ships no types) that main.ts uses. */
declare module '@json-editor/json-editor' {
  export class JSONEditor {
    constructor(element: HTMLElement, options: Record<string, unknown>);
    getValue(): unknown;
    setValue(value: unknown): void;
    on(event: 'change' | 'ready', cb: () => void): void;
    destroy(): void;
  }
}
