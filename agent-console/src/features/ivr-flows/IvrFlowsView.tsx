import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKstDateTime } from '../../lib/format';
import type { ApiClient } from '../../api';
import { useLatestEvent } from '../../realtime';
import { DropoutPanel } from './DropoutPanel';
import { FlowDiagram } from './FlowDiagram';
import { FlowSetPanel } from './FlowSetPanel';
import { dropoutsByNode, flowSetView } from './flow-model';
import { useIvrDropout } from './useIvrDropout';

/** The IVR flows in force, pushed by telephony on join and on every reload or rejected edit. */
export function IvrFlowsView({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const dropout = useIvrDropout(api);
  const dropouts = useMemo(() => dropoutsByNode(dropout), [dropout]);
  const latest = useLatestEvent('ivr.flowSet.v1');
  const view = useMemo(() => (latest ? flowSetView(latest.value) : null), [latest]);
  const [chosen, setChosen] = useState<string | null>(null);

  if (!view) {
    return (
      <section className="panel">
        <h2>{t('ivr.title')}</h2>
        <p className="muted" role="status">
          {t('ivr.waiting')}
        </p>
      </section>
    );
  }
  const flowId = chosen && view.flows.some((f) => f.id === chosen) ? chosen : view.entryFlow;
  return (
    <div className="wallboard" data-testid="ivr-flows">
      <div className="wallboard-head">
        <h2>{t('ivr.title')}</h2>
        <span className="muted">
          {t('ivr.version', { version: view.version, at: formatKstDateTime(view.loadedAt) })}
        </span>
      </div>
      {!view.rejected ? (
        <p className="alert alert-ok" role="status" data-testid="ivr-valid">
          {t('ivr.valid')}
        </p>
      ) : null}
      {view.rejected ? (
        <div className="alert alert-error" role="alert" data-testid="ivr-problems">
          <strong>{t('ivr.rejected')}</strong>
          {view.rejectedAt ? <span> ({formatKstDateTime(view.rejectedAt)})</span> : null}
          <ul>
            {view.problems.map((p, i) => (
              <li key={i}>
                <code>
                  {p.file}:{p.line}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {dropout ? <DropoutPanel report={dropout} /> : null}
      <label className="inline-field">
        <span>{t('ivr.flow')}</span>
        <select value={flowId} onChange={(e) => setChosen(e.target.value)}>
          {view.flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.id}
              {f.id === view.entryFlow ? ` (${t('ivr.entry')})` : ''}
              {f.description ? ` — ${f.description}` : ''}
            </option>
          ))}
        </select>
      </label>
      {view.flows
        .filter((f) => f.id === flowId)
        .map((f) => (
          <div key={f.id} className="stack">
            <FlowDiagram
              flow={f}
              dropouts={dropouts}
              onOpenFlow={(nodeId) => {
                const owner = view.flows.find((other) => other.nodes.some((n) => n.id === nodeId));
                if (owner) setChosen(owner.id);
              }}
            />
            <FlowSetPanel flow={f} dropouts={dropouts} />
          </div>
        ))}
    </div>
  );
}
