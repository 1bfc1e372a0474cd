'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FormatLabel } from '@/components/badges';
import { CodeCheckboxes } from '@/components/code-checkboxes';
import { FormError, FormField } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import { isStateCode } from '@/lib/consensus/codes';
import { evaluateConsensus } from '@/lib/consensus/consensus';
import type { ReferenceNames } from '@/lib/reference/names';
import { proposeAction } from '../../actions';
import { SubmitButton } from '@/components/submit-button';

export function ProposeForm({
  threadId,
  names,
  defaultStates,
  defaultPartners,
}: {
  threadId: number;
  names: ReferenceNames;
  defaultStates: string[];
  defaultPartners: string[];
}) {
  const t = useTranslations('Propose');
  const tc = useTranslations('Common');
  const { state, pending, formProps } = useFormAction(proposeAction.bind(null, threadId), null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  const [states, setStates] = useState(defaultStates);
  const [partners, setPartners] = useState(defaultPartners);
  const preview = evaluateConsensus({
    stances: states.filter(isStateCode).map((s) => ({ state: s, position: 'pending' })),
    partners,
    formalized: false,
  });
  const options = (record: Record<string, string>) => Object.entries(record).map(([code, name]) => ({ code, name }));

  return (
    <form className="form" method="post" noValidate {...formProps}>
      <FormError message={state && !state.ok ? (state.code === 'invalid' ? tc('fixFields') : state.message) : null} />
      <FormField id="title" label={t('initiativeTitle')} error={fields.title}>
        {(props) => <input {...props} name="title" type="text" maxLength={200} required />}
      </FormField>
      <FormField id="summary" label={t('summary')} hint={tc('markdownHint')} error={fields.summary}>
        {(props) => <textarea {...props} name="summary" maxLength={5000} />}
      </FormField>
      <CodeCheckboxes
        name="states"
        legend={t('states')}
        hint={t('statesHint')}
        options={options(names.states)}
        error={fields.states}
        defaultChecked={defaultStates}
        onChange={setStates}
      />
      <p className="card small" aria-live="polite" aria-atomic="true" data-testid="format-preview">
        {t('formatPreview')} <FormatLabel label={preview.label} />{' '}
        {states.length < 2 ? <span className="error">{t('needTwo')}</span> : null}
      </p>
      <CodeCheckboxes
        name="partners"
        legend={t('partners')}
        hint={t('partnersHint')}
        options={options(names.partners)}
        error={fields.partners}
        defaultChecked={defaultPartners}
        onChange={setPartners}
      />
      <label className="check-row">
        <input type="checkbox" name="openToJoin" defaultChecked /> {t('openToJoin')}
      </label>
      <div>
        <SubmitButton pending={pending} className="button">
          {t('submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
