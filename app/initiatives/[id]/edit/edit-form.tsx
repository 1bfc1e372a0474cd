'use client';

import { useTranslations } from 'next-intl';
import { FormError, FormField } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';
import { editAction } from '../../actions';
import { SubmitButton } from '@/components/submit-button';

export function EditForm({ initiative }: { initiative: InitiativeView }) {
  const t = useTranslations('Edit');
  const tc = useTranslations('Common');
  const { state, pending, formProps } = useFormAction(editAction.bind(null, initiative.id), null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form className="form" method="post" noValidate {...formProps}>
      <FormError message={state && !state.ok ? (state.code === 'invalid' ? tc('fixFields') : state.message) : null} />
      <FormField id="title" label={t('initiativeTitle')} error={fields.title}>
        {(props) => <input {...props} name="title" type="text" defaultValue={initiative.title} maxLength={200} required />}
      </FormField>
      <FormField id="summary" label={t('summary')} hint={tc('markdownHint')} error={fields.summary}>
        {(props) => <textarea {...props} name="summary" defaultValue={initiative.summary} maxLength={5000} />}
      </FormField>
      <label className="check-row">
        <input type="checkbox" name="openToJoin" defaultChecked={initiative.openToJoin} /> {t('openToJoin')}
      </label>
      <div className="row">
        <SubmitButton pending={pending} className="button">
          {t('submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
