import type { Affiliation, StateCode } from '../../lib/consensus/codes';

export const DEMO_PASSWORD = 'chaikhana-demo';

export type DemoKey = 'facilitator' | 'kz' | 'kg' | 'tj' | 'tm' | 'uz' | 'expert' | 'civil' | 'partner' | 'observer';

export interface DemoAccount {
  key: DemoKey;
  email: string;
  name: string;
  affiliation: Affiliation;
  organization: string;
  state?: StateCode;
  facilitator?: boolean;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    key: 'facilitator',
    email: 'facilitator@example.org',
    name: 'Aigerim Sadykova',
    affiliation: 'expert',
    organization: 'Chaikhana secretariat',
    facilitator: true,
    description: 'facilitator',
  },
  {
    key: 'kz',
    email: 'delegate.kz@example.org',
    name: 'Nurlan Abenov',
    affiliation: 'government',
    organization: 'Ministry of Foreign Affairs of Kazakhstan',
    state: 'KZ',
    description: 'delegate of Kazakhstan',
  },
  {
    key: 'kg',
    email: 'delegate.kg@example.org',
    name: 'Aizada Toktogulova',
    affiliation: 'government',
    organization: 'Ministry of Foreign Affairs of the Kyrgyz Republic',
    state: 'KG',
    description: 'delegate of Kyrgyzstan',
  },
  {
    key: 'tj',
    email: 'delegate.tj@example.org',
    name: 'Farrukh Rahimov',
    affiliation: 'government',
    organization: 'Ministry of Foreign Affairs of Tajikistan',
    state: 'TJ',
    description: 'delegate of Tajikistan',
  },
  {
    key: 'tm',
    email: 'delegate.tm@example.org',
    name: 'Maral Annayeva',
    affiliation: 'government',
    organization: 'Ministry of Foreign Affairs of Turkmenistan',
    state: 'TM',
    description: 'delegate of Turkmenistan',
  },
  {
    key: 'uz',
    email: 'delegate.uz@example.org',
    name: 'Jasur Karimov',
    affiliation: 'government',
    organization: 'Ministry of Foreign Affairs of Uzbekistan',
    state: 'UZ',
    description: 'delegate of Uzbekistan',
  },
  {
    key: 'expert',
    email: 'expert@example.org',
    name: 'Dana Seitkali',
    affiliation: 'expert',
    organization: 'Central Asian water policy institute',
    description: 'expert (think tank)',
  },
  {
    key: 'civil',
    email: 'civil@example.org',
    name: 'Gulnora Yusupova',
    affiliation: 'civil_society',
    organization: 'Migrant workers’ association',
    description: 'civil society',
  },
  {
    key: 'partner',
    email: 'partner.eu@example.org',
    name: 'Marta Kowalska',
    affiliation: 'partner',
    organization: 'EU Delegation',
    description: 'external partner (EU)',
  },
  {
    key: 'observer',
    email: 'observer@example.org',
    name: 'Timur Ospanov',
    affiliation: 'observer',
    organization: 'Regional press',
    description: 'observer (read-only)',
  },
];
