-- Hand-written (drizzle-kit cannot declare an FTS5 table): the full-text index of rooms,
-- initiatives and messages. It holds stems, not words (lib/services/search/text.ts); its rowid is
-- the entry's id × 4 + its kind (1 room, 2 initiative, 3 message). Derived data: filled at start
-- when empty (lib/services/search/index-writes.ts) and never copied by db:copy.
CREATE VIRTUAL TABLE `search_index` USING fts5(`title`, `body`, `thread_id` UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');
