import { CATEGORY_CODES } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { categoryLabel } from './labels';

/** The eight 기업마당 categories as `<option>`s, labelled in the console's language. */
export function CategoryOptions() {
  const { i18n } = useTranslation();
  return (
    <>
      {CATEGORY_CODES.map((code) => (
        <option key={code} value={code}>
          {categoryLabel(code, i18n.language)}
        </option>
      ))}
    </>
  );
}
