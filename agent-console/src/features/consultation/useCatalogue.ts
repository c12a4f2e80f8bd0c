import type { CategoryCode } from '@cc1357/contracts';
import { useMemo } from 'react';
import type { ApiClient } from '../../api';
import { useLoaded } from '../../lib/useLoaded';
import { SUB_CATEGORIES } from './subcategories';

/**
 * Sub-categories per category from crm-api's catalogue (the 기업마당 fields). Until it answers,
 * or when it cannot, the built-in list keeps the suggestions working.
 */
export function useSubCategories(api: ApiClient): Record<CategoryCode, readonly string[]> {
  const { value: list } = useLoaded(() => api.categories(), [api]);
  return useMemo(() => {
    const next = { ...SUB_CATEGORIES };
    for (const entry of list ?? []) if (entry.subCategories.length > 0) next[entry.category] = entry.subCategories;
    return next;
  }, [list]);
}
