import { KSIC_SECTIONS, type Recommendation } from '@cc1357/contracts';
import type { TFunction } from 'i18next';

/**
 * A recommendation's reason in the console's language, built from its fields (the group it
 * was compared with, the share, the window): crm-api's `reason` is Korean only. A server that
 * sends no `basis` (older) keeps its sentence.
 */
export function recommendationReason(r: Recommendation, t: TFunction, language: string): string {
  if (!r.basis) return r.reason;
  const lang = language === 'en' ? 'en' : 'ko';
  const letter = r.sector ?? '';
  const sector = `${letter} ${KSIC_SECTIONS[letter]?.[lang] ?? ''}`.trim();
  const size = r.sizeClass ? t(`sizeClasses.${r.sizeClass}`, { defaultValue: r.sizeClass }) : '';
  const companies = r.cohortCompanies.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR');
  const parts: string[] = [];
  if (r.basis === 'none') parts.push(t('recommend.noGroup'));
  else {
    const group = t(`recommend.group.${r.basis}`, { sector, size });
    parts.push(
      r.cohortRecipients > 0
        ? t('recommend.share', { group, companies, percent: Math.round(r.share * 100) })
        : t('recommend.noneInGroup', { group, companies }),
    );
  }
  const p = r.program;
  parts.push(
    r.window === 'open'
      ? t('recommend.open', { closesOn: p.closesOn })
      : t(p.announcedOn ? 'recommend.soon' : 'recommend.soonUnannounced', { opensOn: p.opensOn }),
  );
  if (p.level === 'local') parts.push(t('recommend.local'));
  return parts.join(' · ');
}
