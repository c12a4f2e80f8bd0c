import { CATEGORY_LABELS, QUEUES, type CategoryCode, type QueueId } from '@cc1357/contracts';

/** Labels that live in contracts (shared with telephony and crm-api), picked by language. */
export function queueLabel(id: QueueId, language: string): string {
  const queue = QUEUES.find((q) => q.id === id);
  if (!queue) return id;
  return language === 'en' ? queue.nameEn : queue.nameKo;
}

export function categoryLabel(code: CategoryCode, language: string): string {
  const label = CATEGORY_LABELS[code];
  return language === 'en' ? label.en : label.ko;
}
