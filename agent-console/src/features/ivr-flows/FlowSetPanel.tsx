import { useTranslation } from 'react-i18next';
import { isKeyLabel, orderedNodes, type IvrFlow } from './flow-model';

/** One flow as a table: node, type, what the caller hears, and where each key or outcome leads. */
export function FlowSetPanel({
  flow,
  dropouts = new Map(),
}: {
  flow: IvrFlow;
  dropouts?: ReadonlyMap<string, number>;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={`flow-${flow.id}`}>
      <h3 id={`flow-${flow.id}`}>
        {flow.id} {flow.description ? <span className="muted">— {flow.description}</span> : null}
      </h3>
      <table className="table compact" data-testid="ivr-nodes">
        <thead>
          <tr>
            <th scope="col">{t('ivr.node')}</th>
            <th scope="col">{t('ivr.type')}</th>
            <th scope="col">{t('ivr.prompts')}</th>
            <th scope="col">{t('ivr.next')}</th>
          </tr>
        </thead>
        <tbody>
          {orderedNodes(flow).map((node) => (
            <tr key={node.id} id={`node-${node.id}`} data-node={node.id}>
              <th scope="row">
                {node.id}
                {node.id === flow.entry ? <span className="tag tag-open"> {t('ivr.start')}</span> : null}
                {node.label ? <div className="muted small">{node.label}</div> : null}
                {dropouts.get(node.id) ? (
                  <div>
                    <span className="tag tag-left" data-testid="node-dropout">
                      {t('ivr.dropout.badge', { count: dropouts.get(node.id) })}
                    </span>
                  </div>
                ) : null}
              </th>
              <td>
                <span className="tag">{node.type}</span>
              </td>
              <td>
                {node.prompts.length === 0 ? (
                  <span className="muted">–</span>
                ) : (
                  node.prompts.map((p) => (
                    <p key={p.id} className="prompt">
                      “{p.text}” <span className="muted small">({p.id})</span>
                    </p>
                  ))
                )}
              </td>
              <td>
                <ul className="edges">
                  {node.edges.map((e, i) => (
                    <li key={`${e.label}-${i}`}>
                      {isKeyLabel(e.label) ? <kbd>{e.label}</kbd> : <span className="muted">{e.label}</span>} →{' '}
                      <a href={`#node-${e.to}`}>{e.to}</a>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
