/** The assumptions: every registry parameter, data product, own-pipeline template and AI consumer. */
import type { ReactElement } from 'react';
import { formatValue, MATURITY_FIELDS, type Scenario } from '../../simulation';
import {
  aiConsumerTable,
  changedCount,
  dataProductTable,
  ownPipelineTable,
  parameterGroups,
  type AssumptionCell,
  type EntityTable,
} from './assumptions';

const MATURITY_UNIT = MATURITY_FIELDS.datasets.unit;

/** A value, marked when changed; `showDefault` adds the default under it (tables without a Default column). */
function Value({
  cell,
  showDefault = false,
}: {
  cell: AssumptionCell;
  showDefault?: boolean;
}): ReactElement {
  return cell.changed ? (
    <td className="fw-report__changed" title={`default ${cell.defaultText}`}>
      <strong>{cell.text}</strong>
      <span className="fw-report__mark"> *</span>
      {showDefault ? <span className="fw-report__was">default {cell.defaultText}</span> : null}
    </td>
  ) : (
    <td>{cell.text}</td>
  );
}

function Entities({
  title,
  table,
  detail,
}: {
  title: string;
  table: EntityTable;
  detail: string | null;
}): ReactElement | null {
  if (table.rows.length === 0) return null;
  return (
    <div className="fw-report__keep">
      <h3>{title}</h3>
      {table.columns.some((c) => c.unit === MATURITY_UNIT) ? (
        <p className="fw-report__note">
          The eight parts of a data product as maturities ({MATURITY_UNIT}).
        </p>
      ) : null}
      <div className="fw-report__wide">
        <table className="fw-report__table fw-report__table--entities">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {detail ? <th scope="col">{detail}</th> : null}
              {table.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                  {c.unit === MATURITY_UNIT ? null : (
                    <span className="fw-report__unit"> ({c.unit})</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                {detail ? <td>{r.detail}</td> : null}
                {r.cells.map((c, i) => (
                  <Value key={table.columns[i]!.key} cell={c} showDefault />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function AssumptionsSection({ scenario }: { scenario: Scenario }): ReactElement {
  const changed = changedCount(scenario);
  return (
    <section className="fw-report__section" aria-labelledby="report-assumptions">
      <h2 id="report-assumptions">Assumptions</h2>
      <p>
        {changed === 0
          ? 'Every value is as in the built-in default scenario.'
          : `${changed} ${changed === 1 ? 'value differs' : 'values differ'} from the built-in default scenario (a data product or AI consumer it does not have: from the defaults for a new one): shown in bold and marked *, with the default value in the Default column (parameters) or under the value (data products, AI consumers, own pipelines).`}{' '}
        Simulation: {formatValue(scenario.simulation.weeks, 'weeks')} in steps of{' '}
        {formatValue(scenario.simulation.stepWeeks, 'weeks')}, seed {scenario.simulation.seed},{' '}
        {scenario.simulation.mode} mode.
      </p>
      <Entities title="Data products" table={dataProductTable(scenario)} detail="Domain" />
      <Entities title="AI consumers" table={aiConsumerTable(scenario)} detail="Uses" />
      <Entities
        title="Own pipelines built from raw data"
        table={ownPipelineTable(scenario)}
        detail={null}
      />
      <h3>Parameters</h3>
      <table
        className="fw-report__table fw-report__table--parameters"
        data-testid="report-parameters"
      >
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
            <th scope="col">Default</th>
            <th scope="col">Unit</th>
            <th scope="col">Source (grade)</th>
          </tr>
        </thead>
        {parameterGroups(scenario).map((g) => (
          <tbody key={g.group}>
            <tr className="fw-report__group">
              <th scope="rowgroup" colSpan={5}>
                {g.title}
              </th>
            </tr>
            {g.rows.map((r) => (
              <tr key={r.name} data-parameter={r.name} data-changed={r.cell.changed ? 'yes' : 'no'}>
                <th scope="row">
                  {r.label}
                  <span className="fw-report__description">{r.description}</span>
                </th>
                <Value cell={r.cell} />
                <td>{r.cell.defaultText}</td>
                <td>{r.unit}</td>
                <td className="fw-report__source">
                  {r.provenance ? (
                    <>
                      <strong className="fw-report__provenance">{r.provenance}</strong>
                      <span className="fw-report__was">
                        registry: {r.source} ({r.grade})
                      </span>
                    </>
                  ) : (
                    <>
                      {r.source} ({r.grade})
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}
