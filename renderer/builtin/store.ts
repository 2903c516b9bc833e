/** Whether the choice of built-in scenarios (File > New from Built-in Scenario…) is on screen. */
import { createStore } from 'zustand/vanilla';

export interface BuiltinChoiceState {
  readonly open: boolean;
  show(): void;
  hide(): void;
}

export const builtinChoiceStore = createStore<BuiltinChoiceState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
