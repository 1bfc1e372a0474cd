'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { CodeCheckboxes } from '@/components/code-checkboxes';
import { FormError, FormField } from '@/components/form-field';
import { SubmitButton } from '@/components/submit-button';
import { useFormAction } from '@/components/use-form-action';
import { MEETING_LEVELS } from '@/lib/consensus/codes';
import type { ActionState } from '@/lib/http/action';
import { AgendaEditor, type AgendaChoice, type AgendaRow } from './agenda-editor';

export interface MeetingDefaults {
  title: string;
  level: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  place: string;
  chairState: string;
  states: string[];
  agenda: AgendaRow[];
}

/** The region's own zones first; any IANA zone is accepted. */
export const MEETING_ZONES = [
  'Asia/Almaty',
  'Asia/Bishkek',
  'Asia/Dushanbe',
  'Asia/Ashgabat',
  'Asia/Tashkent',
  'Europe/Moscow',
  'Europe/Brussels',
  'UTC',
];

export function MeetingForm({
  action,
  defaults,
  states,
  initiatives,
  threadId,
  submitLabel,
}: {
  action: (previous: ActionState<{ id: number }>, form: FormData) => Promise<ActionState<{ id: number }>>;
  defaults: MeetingDefaults;
  states: Record<string, string>;
  initiatives: AgendaChoice[];
  threadId?: number;
  submitLabel: string;
}) {
  const t = useTranslations('Meetings');
  const tc = useTranslations('Common');
  const { state, pending, formProps } = useFormAction(action, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  const [zone, setZone] = useState(defaults.timezone);
  const zones = MEETING_ZONES.includes(zone) ? MEETING_ZONES : [zone, ...MEETING_ZONES];

  return (
    <form className="form" method="post" noValidate {...formProps}>
      <FormError message={state && !state.ok ? (state.code === 'invalid' ? tc('fixFields') : state.message) : null} />
      {threadId ? <input type="hidden" name="threadId" value={threadId} /> : null}
      <FormField id="title" label={t('meetingTitle')} error={fields.title}>
        {(props) => <input {...props} name="title" type="text" maxLength={200} required defaultValue={defaults.title} />}
      </FormField>
      <FormField id="level" label={t('level')} error={fields.level}>
        {(props) => (
          <select {...props} name="level" defaultValue={defaults.level}>
            {MEETING_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`levels.${level}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="timezone" label={t('timezone')} hint={t('timezoneHint')} error={fields.timezone}>
        {(props) => (
          <select {...props} name="timezone" value={zone} onChange={(event) => setZone(event.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="grid-2">
        <FormField id="startsAt" label={t('startsAt')} hint={t('inZone', { zone })} error={fields.startsAt}>
          {(props) => <input {...props} name="startsAt" type="datetime-local" required defaultValue={defaults.startsAt} />}
        </FormField>
        <FormField id="endsAt" label={t('endsAt')} hint={t('inZone', { zone })} error={fields.endsAt}>
          {(props) => <input {...props} name="endsAt" type="datetime-local" required defaultValue={defaults.endsAt} />}
        </FormField>
      </div>
      <FormField id="place" label={t('place')} error={fields.place}>
        {(props) => <input {...props} name="place" type="text" maxLength={200} defaultValue={defaults.place} />}
      </FormField>
      <CodeCheckboxes
        name="states"
        legend={t('attending')}
        options={Object.entries(states).map(([code, name]) => ({ code, name }))}
        error={fields.states}
        defaultChecked={defaults.states}
      />
      <FormField id="chairState" label={t('chair')} hint={t('chairHint')} error={fields.chairState}>
        {(props) => (
          <select {...props} name="chairState" defaultValue={defaults.chairState}>
            <option value="">{t('noChair')}</option>
            {Object.entries(states).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <AgendaEditor initial={defaults.agenda} choices={initiatives} error={fields.agenda} />
      <div>
        <SubmitButton pending={pending} className="button">
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
