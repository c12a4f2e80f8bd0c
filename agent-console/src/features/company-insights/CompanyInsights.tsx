import type { CallerPop } from '@cc1357/contracts';
import { OpenItemsPanel } from './OpenItemsPanel';
import { RecommendationsPanel } from './RecommendationsPanel';
import { RelayOutcomesPanel } from './RelayOutcomesPanel';
import { SupportHistoryPanel } from './SupportHistoryPanel';

/**
 * The "customised answer" part of the pop: open items, partners' answers to relays, support history and programs that fit.
 * Each part shows only when crm-api sent it (the fields are optional in the contract).
 */
export function CompanyInsights({ pop }: { pop: CallerPop }) {
  const open = pop.openItems;
  const hasOpen = open !== undefined && open.followUps.length + open.callbacks.length + open.relays.length > 0;
  const outcomes = pop.relayOutcomes ?? [];
  if (!hasOpen && outcomes.length === 0 && !pop.supportHistory && !pop.recommendations) return null;
  return (
    <div className="panel insights">
      {open && hasOpen ? <OpenItemsPanel items={open} /> : null}
      {outcomes.length > 0 ? <RelayOutcomesPanel relays={outcomes} /> : null}
      {pop.supportHistory ? <SupportHistoryPanel history={pop.supportHistory} /> : null}
      {pop.recommendations ? <RecommendationsPanel items={pop.recommendations.slice(0, 5)} /> : null}
    </div>
  );
}
