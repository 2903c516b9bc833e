/** The title slide's lines, and the key that reaches a tenth step. */
import { describe, expect, it } from 'vitest';
import { titleSlideText } from '../../renderer/present/TitleSlide';
import { presentKeyAction } from '../../renderer/present/keys';
import { BUILT_IN_STORY } from '../../simulation/story';

const key = (k: string) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
});

const story = { title: 'Why data products pay', organisation: 'Acme Retail', date: '' };
const day = new Date(Date.UTC(2027, 2, 12, 12));

describe('the title slide', () => {
  it("says the story's title, the scenario, the organisation and the date", () => {
    expect(titleSlideText(story, 'E-commerce with data products', day, 'en-GB')).toEqual({
      heading: 'Why data products pay',
      scenario: 'E-commerce with data products',
      organisation: 'Acme Retail',
      date: '12 March 2027',
    });
    expect(titleSlideText(story, 'x', day, 'en-US').date).toBe('March 12, 2027');
  });

  it('uses the date as written, and leaves out what is empty or said already', () => {
    const t = titleSlideText(
      { title: '  ', organisation: ' ', date: ' Q2 board, 3 June ' },
      'Mesh plan',
      day,
    );
    expect(t).toEqual({
      heading: 'Mesh plan',
      scenario: null,
      organisation: null,
      date: 'Q2 board, 3 June',
    });
  });

  it('opens the built-in story, whose ten steps the number keys all reach (0 is the tenth)', () => {
    expect(BUILT_IN_STORY.steps[0]!.view).toBe('title');
    expect(BUILT_IN_STORY.steps).toHaveLength(10);
    expect(presentKeyAction(key('0'), null)).toEqual({ kind: 'jump', index: 9 });
    expect(presentKeyAction(key('1'), null)).toEqual({ kind: 'jump', index: 0 });
    expect(presentKeyAction(key('9'), null)).toEqual({ kind: 'jump', index: 8 });
  });
});
