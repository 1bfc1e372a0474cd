'use client';

import { useTranslations } from 'next-intl';
import { useFormAction } from '@/components/use-form-action';
import { setDelegationAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

export function DelegationForm({
  participantId,
  current,
  currentPartner,
  states,
  partners,
  label,
}: {
  participantId: number;
  current: string | null;
  currentPartner: string | null;
  states: Record<string, string>;
  partners: Record<string, string>;
  label: string;
}) {
  const t = useTranslations('Facilitation');
  const { state, pending, formProps } = useFormAction(setDelegationAction.bind(null, participantId), null);
  return (
    <form className="row" method="post" {...formProps}>
      <label className="visually-hidden" htmlFor={`delegation-${participantId}`}>
        {t('delegationOf', { name: label })}
      </label>
      <input type="hidden" name="was" value={currentPartner ? 'partner' : 'state'} />
      <select
        id={`delegation-${participantId}`}
        name="delegation"
        defaultValue={current ? `state:${current}` : currentPartner ? `partner:${currentPartner}` : ''}
      >
        <option value="">{t('noDelegation')}</option>
        <optgroup label={t('statesGroup')}>
          {Object.entries(states).map(([code, name]) => (
            <option key={code} value={`state:${code}`}>
              {name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('partnersGroup')}>
          {Object.entries(partners).map(([code, name]) => (
            <option key={code} value={`partner:${code}`}>
              +{code} {name}
            </option>
          ))}
        </optgroup>
      </select>
      <SubmitButton pending={pending} className="button button-secondary">
        {t('save')}
      </SubmitButton>
      {state && !state.ok ? <span className="error">{state.message}</span> : null}
      {state?.ok ? <span className="small">✓</span> : null}
    </form>
  );
}
