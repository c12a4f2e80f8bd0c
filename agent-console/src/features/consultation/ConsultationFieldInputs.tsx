import { OUTCOME_CODES } from '@cc1357/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryOptions } from '../../i18n/CategoryOptions';
import {
  CONSULTATION_FIELD_NAMES,
  FIELD_INPUTS,
  isRequired,
  maxLengthOf,
  type ConsultationFieldName,
  type FieldValues,
} from './fields';

export interface ConsultationFieldInputsProps {
  values: FieldValues;
  /** The element id of a field's input. */
  idOf: (name: ConsultationFieldName) => string;
  set: (name: ConsultationFieldName, value: string) => void;
  disabled?: boolean;
  errors?: Partial<Record<ConsultationFieldName, string>>;
  /** Given: required fields are marked with it, and the category select starts with this "choose" option. */
  required?: { label: string; chooseCategory: string };
  /** Suggestions for the sub-category (a datalist). */
  subCategories?: readonly string[];
  /** Rows of the multi-line fields. */
  textRows: number;
  /** Shown right after a field (e.g. the template button after the summary). */
  after?: Partial<Record<ConsultationFieldName, ReactNode>>;
}

/**
 * The consultation's inputs, one per contract field (CONSULTATION_FIELD_NAMES), for the new
 * write-up and the editor alike: labels `consultation.<field>`, limits from the schema,
 * one-line fields two to a row and multi-line fields full width.
 */
export function ConsultationFieldInputs(props: ConsultationFieldInputsProps) {
  const rows: ConsultationFieldName[][] = [];
  for (const name of CONSULTATION_FIELD_NAMES) {
    const last = rows.at(-1);
    if (FIELD_INPUTS[name].control !== 'text' && last && last.length === 1 && FIELD_INPUTS[last[0]!].control !== 'text')
      last.push(name);
    else rows.push([name]);
  }
  return (
    <>
      {rows.map((row) =>
        row.length === 1 && FIELD_INPUTS[row[0]!].control === 'text' ? (
          <FieldWithAfter key={row[0]} name={row[0]!} {...props} />
        ) : (
          <div className="form-row" key={row.join('-')}>
            {row.map((name) => (
              <FieldWithAfter key={name} name={name} {...props} />
            ))}
          </div>
        ),
      )}
    </>
  );
}

function FieldWithAfter({ name, ...props }: ConsultationFieldInputsProps & { name: ConsultationFieldName }) {
  const { t } = useTranslation();
  const id = props.idOf(name);
  const error = props.errors?.[name];
  const required = props.required && isRequired(name);
  return (
    <>
      <Field
        id={id}
        label={t(`consultation.${name}`)}
        error={error}
        required={Boolean(required)}
        requiredLabel={props.required?.label}
      >
        <Control name={name} id={id} error={error} {...props} />
      </Field>
      {props.after?.[name] ?? null}
    </>
  );
}

function Control({
  name,
  id,
  error,
  values,
  set,
  disabled,
  required,
  subCategories,
  textRows,
}: ConsultationFieldInputsProps & { name: ConsultationFieldName; id: string; error: string | undefined }) {
  const { t } = useTranslation();
  const common = { id, name, value: values[name], disabled, ...invalid(id, error) };
  switch (FIELD_INPUTS[name].control) {
    case 'category':
      return (
        <select {...common} onChange={(e) => set(name, e.target.value)}>
          {required ? <option value="">{required.chooseCategory}</option> : null}
          <CategoryOptions />
        </select>
      );
    case 'outcome':
      return (
        <select {...common} onChange={(e) => set(name, e.target.value)}>
          {OUTCOME_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`outcomes.${code}`)}
            </option>
          ))}
        </select>
      );
    case 'text':
      return (
        <textarea
          {...common}
          rows={textRows}
          maxLength={maxLengthOf(name)}
          onChange={(e) => set(name, e.target.value)}
        />
      );
    case 'line': {
      const suggestions = name === 'subCategory' ? subCategories : undefined;
      return (
        <>
          <input
            {...common}
            {...(suggestions ? { list: `${id}-list` } : {})}
            maxLength={maxLengthOf(name)}
            onChange={(e) => set(name, e.target.value)}
          />
          {suggestions ? (
            <datalist id={`${id}-list`} data-testid="sub-categories">
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          ) : null}
        </>
      );
    }
  }
}

function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function Field({
  id,
  label,
  error,
  required,
  requiredLabel,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  required?: boolean;
  requiredLabel?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({requiredLabel})</span> : null}
      </label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
