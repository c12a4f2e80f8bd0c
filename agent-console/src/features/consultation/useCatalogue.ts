import type { CategoryCode } from '@cc1357/contracts';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api';
import { SUB_CATEGORIES } from './subcategories';

/**
 * Sub-categories per category from crm-api's catalogue (the 기업마당 fields). Until it answers,
 * or when it cannot, the built-in list keeps the suggestions working.
 */
export function useSubCategories(api: ApiClient): Record<CategoryCode, readonly string[]> {
  const [catalogue, setCatalogue] = useState<Record<CategoryCode, readonly string[]>>(SUB_CATEGORIES);
  useEffect(() => {
    let live = true;
    api.categories().then(
      (list) => {
        if (!live) return;
        const next = { ...SUB_CATEGORIES };
        for (const entry of list) if (entry.subCategories.length > 0) next[entry.category] = entry.subCategories;
        setCatalogue(next);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return catalogue;
}
