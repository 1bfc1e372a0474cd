-- Hand-written (drizzle-kit does not declare tsvector columns and GIN indexes well): the
-- full-text index of rooms, initiatives and messages. The document is a tsvector of stems
-- (lib/services/search/text.ts) under the 'simple' configuration, the title weighted A and the
-- body D. kind: 1 room, 2 initiative, 3 message. Derived data: filled at start when empty
-- (lib/services/search/index-writes.ts) and never copied by db:copy.
CREATE TABLE "search_index" (
	"kind" smallint NOT NULL,
	"ref_id" integer NOT NULL,
	"thread_id" integer NOT NULL,
	"document" tsvector NOT NULL,
	CONSTRAINT "search_index_pk" PRIMARY KEY("kind","ref_id")
);
--> statement-breakpoint
CREATE INDEX "search_index_document_idx" ON "search_index" USING gin ("document");
