/**
 * What the document chrome shows: the question on screen (with the promise waiting for its
 * answer), the notices about files, the recent files and whether a file operation is running.
 * A tiny observable store with no React in it; the UI subscribes, the controller writes.
 */
import type { RecentFile } from './contract';
import type { Timers } from './autosave';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';
export type RecoveryChoice = 'restore' | 'discard';

export type Prompt =
  | {
      readonly kind: 'unsaved';
      readonly fileName: string;
      readonly action: 'new' | 'open' | 'close';
    }
  | { readonly kind: 'recover'; readonly fileName: string; readonly savedAt: string };

/**
 * What a question closed without an answer means (Escape, or the dialog closed some other way):
 * never a loss. Unsaved changes: Cancel (the work stays open). Recovery: Restore (the work comes
 * back, unsaved, with its backup kept until it is saved); only the Discard button throws it away.
 */
export function unansweredChoice(prompt: Prompt): UnsavedChoice | RecoveryChoice {
  return prompt.kind === 'unsaved' ? 'cancel' : 'restore';
}

export interface Notice {
  readonly id: number;
  readonly tone: 'error' | 'info';
  readonly title: string;
  readonly detail: string;
}

export interface ControllerState {
  readonly prompt: Prompt | null;
  readonly notices: readonly Notice[];
  readonly recent: readonly RecentFile[];
  /** True while a file is being read or written. */
  readonly busy: boolean;
}

/** At most this many notices stay on screen (the oldest go first). */
const MAX_NOTICES = 4;

export class ChromeState {
  private state: ControllerState = { prompt: null, notices: [], recent: [], busy: false };
  private readonly listeners = new Set<() => void>();
  private resolvePrompt: ((choice: string) => void) | null = null;
  private noticeId = 0;

  /** @param infoNoticeMs how long confirmations stay (errors stay until dismissed); 0 = stay */
  constructor(
    private readonly timers: Timers,
    private readonly infoNoticeMs = 6000,
  ) {}

  get(): ControllerState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ControllerState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Shows a question; resolves with the user's answer. */
  ask<T extends UnsavedChoice | RecoveryChoice>(prompt: Prompt): Promise<T> {
    return new Promise<T>((resolve) => {
      this.resolvePrompt = resolve as (choice: string) => void;
      this.set({ prompt });
    });
  }

  answer(choice: UnsavedChoice | RecoveryChoice): void {
    const resolve = this.resolvePrompt;
    this.resolvePrompt = null;
    this.set({ prompt: null });
    resolve?.(choice);
  }

  /** The question `prompt` was closed without an answer (see unansweredChoice). */
  dismissPrompt(prompt: Prompt): void {
    if (this.state.prompt !== prompt) return;
    this.answer(unansweredChoice(prompt));
  }

  notify(tone: Notice['tone'], title: string, detail: string): void {
    const id = ++this.noticeId;
    this.set({
      notices: [...this.state.notices.slice(1 - MAX_NOTICES), { id, tone, title, detail }],
    });
    if (tone === 'info' && this.infoNoticeMs > 0)
      this.timers.setTimeout(() => this.dismiss(id), this.infoNoticeMs);
  }

  dismiss(id: number): void {
    this.set({ notices: this.state.notices.filter((n) => n.id !== id) });
  }

  setRecent(recent: readonly RecentFile[]): void {
    this.set({ recent });
  }

  async whileBusy<T>(work: () => Promise<T>): Promise<T> {
    this.set({ busy: true });
    try {
      return await work();
    } finally {
      this.set({ busy: false });
    }
  }
}
