/**
 * The generated conversation of bench/search.ts (and of its writing children): a vocabulary with
 * a long tail, as conversation has — real English and Russian words, often in other forms than the
 * query's, among 20,000 rarer made-up words.
 */
const ENGLISH = [
  'water',
  'waters',
  'river',
  'rivers',
  'quota',
  'quotas',
  'border',
  'borders',
  'visa',
  'visas',
  'trade',
  'energy',
  'grid',
  'season',
  'seasonal',
  'reservoir',
  'reservoirs',
  'delegation',
  'summit',
  'agreement',
  'agreed',
  'agreeing',
  'the',
  'of',
  'and',
  'to',
  'we',
];
const RUSSIAN = [
  'вода',
  'воды',
  'водой',
  'воду',
  'река',
  'реки',
  'рекой',
  'квота',
  'квоты',
  'граница',
  'границы',
  'виза',
  'визы',
  'торговля',
  'энергия',
  'сезон',
  'водохранилище',
  'соглашение',
  'согласовали',
  'и',
  'в',
  'по',
  'на',
  'мы',
];
const TAIL = Array.from({ length: 20_000 }, (_, i) => `lex${i.toString(36)}`);

export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export function messageText(random: () => number, n: number): string {
  const words: string[] = [];
  const length = 10 + Math.floor(random() * 25);
  for (let w = 0; w < length; w++) {
    const r = random();
    if (r < 0.04) words.push(ENGLISH[Math.floor(random() * ENGLISH.length)]);
    else if (r < 0.08) words.push(RUSSIAN[Math.floor(random() * RUSSIAN.length)]);
    // Zipf-like: a few tail words are frequent, most are rare.
    else words.push(TAIL[Math.floor(TAIL.length * random() ** 3)]);
  }
  // A rare word: in one message of 10,000.
  if (n % 10_000 === 7) words.push('sandstorm');
  return words.join(' ');
}
