/**
 * The "Describe your business" dialog: the numbers an architect knows (customers, market, visits,
 * conversion, order value, churn, margin) and the data products and AI uses planned. Values
 * outside the valid range block the change; values outside what the sources report ask "sure?"
 * before they are used. Applying is one undo step, and each value's source then reads "your input".
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactElement } from 'react';
import { workspaceStore } from '../state/workspace';
import {
  answersFrom,
  checkAnswers,
  describeBusiness,
  plannable,
  QUESTIONS,
  type AnswerKey,
  type BusinessAnswers,
  type Per,
} from './quickstart';

const fmt = (v: number, percent: boolean): string =>
  Number.isFinite(v) ? String(Number((percent ? v * 100 : v).toPrecision(6))) : '';

export function QuickStartDialog({ onClose }: { readonly onClose: () => void }): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const scenario = workspaceStore.getState().scenario;
  const start = useMemo(() => answersFrom(scenario), [scenario]);
  const options = useMemo(() => plannable(scenario), [scenario]);
  const [answers, setAnswers] = useState<BusinessAnswers>(start);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(QUESTIONS.map((q) => [q.key, fmt(start[q.key], q.percent)])),
  );
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const checks = checkAnswers(answers);
  const errors = checks.filter((c) => c.severity === 'error');
  const questions = checks.filter((c) => c.severity === 'question');

  const setText = (key: AnswerKey, percent: boolean, text: string): void => {
    setTexts({ ...texts, [key]: text });
    const n = Number(text.replace(/[,\s]/g, '').replace(/%$/, ''));
    setAnswers({ ...answers, [key]: text.trim() === '' ? NaN : percent ? n / 100 : n });
    setConfirming(false);
  };
  const setPer = (key: 'sessionsPer' | 'churnPer', per: Per): void => {
    setAnswers({ ...answers, [key]: per });
    setConfirming(false);
  };
  const toggle = (list: 'products' | 'consumers', itemId: string): void => {
    const has = answers[list].includes(itemId);
    setAnswers({
      ...answers,
      [list]: has ? answers[list].filter((x) => x !== itemId) : [...answers[list], itemId],
    });
  };
  const apply = (): void => {
    if (errors.length > 0) return;
    if (questions.length > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    const next = describeBusiness(workspaceStore.getState().scenario, answers);
    const ok = workspaceStore.getState().edit(
      (draft) => {
        Object.assign(draft, next);
        if (!next.provenance) delete draft.provenance;
        return 'Your business: values set from your description';
      },
      { label: 'Describe your business' },
    );
    if (ok) onClose();
  };

  return (
    <dialog
      ref={ref}
      className="fw-chrome-dialog fw-quickstart"
      aria-labelledby={`${id}-title`}
      data-testid="quickstart"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`} className="fw-chrome-dialog__title">
        Describe your business
      </h2>
      <p className="fw-quickstart__intro">
        Start from your own numbers. Each value you give replaces the generic retailer's and its
        source reads “your input”.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="fw-quickstart__grid">
          {QUESTIONS.map((q) => {
            const check = checks.find((c) => c.key === q.key);
            const per =
              q.key === 'sessions' ? 'sessionsPer' : q.key === 'churn' ? 'churnPer' : null;
            return (
              <div key={q.key} className="fw-quickstart__row" data-testid={`qs-${q.key}`}>
                <label htmlFor={`${id}-${q.key}`}>{q.label}</label>
                <span className="fw-quickstart__input">
                  <input
                    id={`${id}-${q.key}`}
                    type="text"
                    inputMode="decimal"
                    value={texts[q.key] ?? ''}
                    aria-invalid={check?.severity === 'error' ? true : undefined}
                    onChange={(e) => setText(q.key, q.percent, e.currentTarget.value)}
                  />
                  {q.percent ? <span aria-hidden="true">%</span> : null}
                  {per ? (
                    <select
                      aria-label={`${q.label}: per week or per month`}
                      value={answers[per]}
                      onChange={(e) => setPer(per, e.currentTarget.value as Per)}
                    >
                      <option value="week">per week</option>
                      <option value="month">per month</option>
                    </select>
                  ) : null}
                </span>
                {check ? (
                  <p
                    className={`fw-quickstart__check fw-quickstart__check--${check.severity}`}
                    role={check.severity === 'error' ? 'alert' : undefined}
                    data-testid={`qs-check-${q.key}`}
                  >
                    {check.message}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        <fieldset className="fw-quickstart__plan">
          <legend>Data products planned</legend>
          {options.products.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={answers.products.includes(p.id)}
                onChange={() => toggle('products', p.id)}
              />{' '}
              {p.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="fw-quickstart__plan">
          <legend>AI uses planned</legend>
          {options.consumers.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={answers.consumers.includes(c.id)}
                onChange={() => toggle('consumers', c.id)}
              />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
        {confirming ? (
          <p className="fw-quickstart__confirm" role="alert" data-testid="qs-confirm">
            {questions.length === 1 ? 'One value is' : `${questions.length} values are`} outside
            what the sources report. Use {questions.length === 1 ? 'it' : 'them'} anyway?
          </p>
        ) : null}
        <div className="fw-chrome-dialog__buttons">
          <button type="button" className="fw-button" onClick={onClose} data-testid="qs-cancel">
            Cancel
          </button>
          <button
            type="submit"
            className="fw-button fw-button--primary"
            disabled={errors.length > 0}
            data-testid="qs-apply"
          >
            {confirming ? 'Use anyway' : 'Use these numbers'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
