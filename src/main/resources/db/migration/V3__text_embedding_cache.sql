-- Text embeddings by content: identical texts are embedded once, across scenes and runs.
-- The vector has no fixed dimension: the key says which model and dimension produced it.
CREATE TABLE IF NOT EXISTS text_embedding_cache (
    model text NOT NULL,
    dimensions integer NOT NULL,
    content_sha256 text NOT NULL,
    embedding vector NOT NULL,
    token_count integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, dimensions, content_sha256)
);
CREATE INDEX IF NOT EXISTS idx_text_embedding_cache_created_at ON text_embedding_cache (created_at);
