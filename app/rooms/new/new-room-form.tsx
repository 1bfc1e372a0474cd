'use client';

import { useTranslations } from 'next-intl';
import { CodeCheckboxes } from '@/components/code-checkboxes';
import { FormError, FormField } from '@/components/form-field';
import { useFormAction } from '@/components/use-form-action';
import type { ReferenceNames } from '@/lib/reference/names';
import { createRoomAction } from '../actions';
import { SubmitButton } from '@/components/submit-button';

export function NewRoomForm({ names, canOpenDiscreet }: { names: ReferenceNames; canOpenDiscreet: boolean }) {
  const t = useTranslations('NewRoom');
  const tc = useTranslations('Common');
  const { state, pending, formProps } = useFormAction(createRoomAction, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  const options = (record: Record<string, string>) => Object.entries(record).map(([code, name]) => ({ code, name }));

  return (
    <form className="form" method="post" noValidate {...formProps}>
      <FormError message={state && !state.ok ? (state.code === 'invalid' ? tc('fixFields') : state.message) : null} />
      <FormField id="title" label={t('roomTitle')} error={fields.title}>
        {(props) => <input {...props} name="title" type="text" maxLength={200} required />}
      </FormField>
      <FormField id="topic" label={t('topic')} error={fields.topic}>
        {(props) => (
          <select {...props} name="topic" defaultValue="water">
            {options(names.topics).map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="summary" label={t('summary')} hint={tc('markdownHint')} error={fields.summary}>
        {(props) => <textarea {...props} name="summary" maxLength={5000} />}
      </FormField>
      <CodeCheckboxes name="states" legend={t('states')} options={options(names.states)} error={fields.states} />
      <CodeCheckboxes name="partners" legend={t('partners')} options={options(names.partners)} error={fields.partners} />
      <fieldset className="field">
        <legend>{t('visibility')}</legend>
        <label className="row">
          <input type="radio" name="visibility" value="open" defaultChecked /> {tc('visibility.open')} —{' '}
          <span className="muted">{t('openHint')}</span>
        </label>
        {canOpenDiscreet ? (
          <label className="row">
            <input type="radio" name="visibility" value="discreet" /> {tc('visibility.discreet')} —{' '}
            <span className="muted">{tc('discreetHint')}</span>
          </label>
        ) : null}
        {fields.visibility ? <span className="error">{fields.visibility}</span> : null}
      </fieldset>
      <fieldset className="field">
        <legend>{t('attribution')}</legend>
        <label className="row">
          <input type="radio" name="attribution" value="named" defaultChecked /> {tc('attribution.named')}
        </label>
        <label className="row">
          <input type="radio" name="attribution" value="chatham" /> {tc('attribution.chatham')} —{' '}
          <span className="muted">{tc('chathamHint')}</span>
        </label>
      </fieldset>
      <div>
        <SubmitButton pending={pending} className="button">
          {t('submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
