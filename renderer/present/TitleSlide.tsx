/**
 * The title slide on stage: the story's title (the scenario's name when the story has none), the
 * scenario it presents, the organisation and the date (the story's, or today's in the viewer's
 * language). The step's own title names the slide for the presenter and is not shown.
 */
import type { ReactElement } from 'react';
import type { Scenario } from '../../simulation';
import type { Story } from '../../simulation/story';

/** What the title slide says, line by line (pure: tests read it without a browser). */
export interface TitleSlideText {
  readonly heading: string;
  /** The scenario's name, unless it is the heading already. */
  readonly scenario: string | null;
  readonly organisation: string | null;
  readonly date: string;
}

export function titleSlideText(
  story: Pick<Story, 'title' | 'organisation' | 'date'>,
  scenarioName: string,
  today: Date,
  locale?: string,
): TitleSlideText {
  const heading = story.title.trim() || scenarioName;
  return {
    heading,
    scenario: scenarioName === heading ? null : scenarioName,
    organisation: story.organisation.trim() || null,
    date: story.date.trim() || new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(today),
  };
}

export function TitleSlide({
  story,
  scenario,
}: {
  story: Story;
  scenario: Scenario;
}): ReactElement {
  const t = titleSlideText(story, scenario.name, new Date());
  return (
    <div className="fw-present__cover" data-testid="present-cover">
      <h2 className="fw-present__cover-title" data-testid="present-cover-title">
        {t.heading}
      </h2>
      {t.scenario ? (
        <p className="fw-present__cover-scenario" data-testid="present-cover-scenario">
          {t.scenario}
        </p>
      ) : null}
      {t.organisation ? (
        <p className="fw-present__cover-organisation" data-testid="present-cover-organisation">
          {t.organisation}
        </p>
      ) : null}
      <p className="fw-present__cover-date" data-testid="present-cover-date">
        {t.date}
      </p>
    </div>
  );
}
