/** A presenter snapshot as the audience window would publish it, for the bridge and shell tests. */
import type { PresenterSnapshot } from '../../renderer/bridge/contract';

export const snapshot = (over: Partial<PresenterSnapshot> = {}): PresenterSnapshot => ({
  active: true,
  storyTitle: 'The data flywheel',
  index: 2,
  count: 9,
  startedAtMs: 1_760_000_000_000,
  blanked: false,
  show: 'with',
  current: { title: 'AI consumes data products', caption: 'By week 40 ...', notes: 'Pause here.' },
  next: { title: 'A better experience', caption: 'Conversion rises to 3.1%' },
  ...over,
});
