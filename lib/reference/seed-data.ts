/** The seeded reference lists (PRODUCT.md). Partners and topics may grow; codes never change. */
export const STATE_ROWS = [
  { code: 'KZ', nameEn: 'Kazakhstan', nameRu: 'Казахстан', sort: 1 },
  { code: 'KG', nameEn: 'Kyrgyzstan', nameRu: 'Кыргызстан', sort: 2 },
  { code: 'TJ', nameEn: 'Tajikistan', nameRu: 'Таджикистан', sort: 3 },
  { code: 'TM', nameEn: 'Turkmenistan', nameRu: 'Туркменистан', sort: 4 },
  { code: 'UZ', nameEn: 'Uzbekistan', nameRu: 'Узбекистан', sort: 5 },
];

export const PARTNER_ROWS = [
  { code: 'CN', nameEn: 'China', nameRu: 'Китай' },
  { code: 'RU', nameEn: 'Russia', nameRu: 'Россия' },
  { code: 'EU', nameEn: 'European Union', nameRu: 'Европейский союз' },
  { code: 'US', nameEn: 'United States', nameRu: 'США' },
  { code: 'JP', nameEn: 'Japan', nameRu: 'Япония' },
  { code: 'KR', nameEn: 'Republic of Korea', nameRu: 'Республика Корея' },
  { code: 'TR', nameEn: 'Türkiye', nameRu: 'Турция' },
  { code: 'IN', nameEn: 'India', nameRu: 'Индия' },
  { code: 'AF', nameEn: 'Afghanistan', nameRu: 'Афганистан' },
  { code: 'V4', nameEn: 'Visegrád Group', nameRu: 'Вишеградская группа' },
  { code: 'UN', nameEn: 'UN agencies', nameRu: 'Агентства ООН' },
];

export const TOPIC_ROWS = [
  { slug: 'water', nameEn: 'Water', nameRu: 'Водные ресурсы' },
  { slug: 'migration', nameEn: 'Migration', nameRu: 'Миграция' },
  { slug: 'health', nameEn: 'Health', nameRu: 'Здравоохранение' },
  { slug: 'environment', nameEn: 'Environment', nameRu: 'Экология' },
  { slug: 'drug-trafficking', nameEn: 'Drug trafficking', nameRu: 'Наркотрафик' },
  { slug: 'trade', nameEn: 'Trade', nameRu: 'Торговля' },
  { slug: 'energy', nameEn: 'Energy', nameRu: 'Энергетика' },
  { slug: 'transport', nameEn: 'Transport', nameRu: 'Транспорт' },
  { slug: 'borders', nameEn: 'Borders', nameRu: 'Границы' },
  { slug: 'visas-tourism', nameEn: 'Visas and tourism', nameRu: 'Визы и туризм' },
  { slug: 'security', nameEn: 'Security', nameRu: 'Безопасность' },
  { slug: 'education', nameEn: 'Education', nameRu: 'Образование' },
];
