-- The lexical index: scene documents searchable by relevance.
-- Nothing here touches video_scenes (no generated column, no index on it): on a large existing
-- table an added stored column would rewrite it under an exclusive lock. The documents live in a
-- table of their own that the lexicalIndex step fills and keeps current.

-- Per scene and back end: which document (content hash) was indexed where and when, or why the
-- last attempt failed. No foreign key on the scene: a row whose scene is gone tells the step to
-- remove the scene's document from the index (then the row goes too).
CREATE TABLE IF NOT EXISTS scene_lexical_index (
    scene_id uuid NOT NULL,
    target text NOT NULL CHECK (target IN ('postgresql', 'opensearch')),
    video_id uuid NOT NULL,
    owner_id uuid NOT NULL,
    content_sha256 text,
    index_name text,
    indexed_at timestamptz,
    error text,
    error_detail text,
    attempted_sha256 text,
    attempted_at timestamptz,
    job_execution_id bigint,
    PRIMARY KEY (target, scene_id)
);
CREATE INDEX IF NOT EXISTS scene_lexical_index_scene_idx ON scene_lexical_index (scene_id);
CREATE INDEX IF NOT EXISTS scene_lexical_index_errors_idx ON scene_lexical_index (target, error)
    WHERE error IS NOT NULL;

-- The PostgreSQL back end's documents: a weighted tsvector per scene (A transcript, B visual
-- description + tags, C summary) under a GIN index, with the owner for tenant filtering.
CREATE TABLE IF NOT EXISTS scene_search_documents (
    scene_id uuid PRIMARY KEY,
    video_id uuid NOT NULL,
    owner_id uuid NOT NULL,
    scene_index integer,
    document tsvector NOT NULL,
    text_search_config regconfig NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS scene_search_documents_document_idx ON scene_search_documents USING gin (document);
CREATE INDEX IF NOT EXISTS scene_search_documents_owner_idx ON scene_search_documents (owner_id);

-- The text-search configuration the documents were built with, so that queries parse words the
-- same way (the step sets it from LEXICAL_TEXT_SEARCH_CONFIG before writing).
CREATE TABLE IF NOT EXISTS lexical_search_settings (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    text_search_config regconfig NOT NULL
);
INSERT INTO lexical_search_settings (singleton, text_search_config) VALUES (true, 'simple')
ON CONFLICT (singleton) DO NOTHING;

-- Ranked full-text search over one owner's scenes, websearch syntax ("quoted phrase", or, -word),
-- parsed with the configuration the documents were built with. Tenant-safe like the CLIP search:
-- filter_user_id is required.
CREATE OR REPLACE FUNCTION search_scenes_lexical(query text, match_count int, filter_user_id uuid)
RETURNS TABLE (id uuid, video_id uuid, scene_index integer, rank real)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    parsed tsquery;
BEGIN
    IF filter_user_id IS NULL THEN
        RAISE EXCEPTION 'filter_user_id is required: searches are scoped to one owner'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT websearch_to_tsquery(s.text_search_config, coalesce(query, '')) INTO parsed
    FROM lexical_search_settings s;
    RETURN QUERY
        SELECT d.scene_id, d.video_id, d.scene_index, ts_rank_cd(d.document, parsed, 32)
        FROM scene_search_documents d
        WHERE d.owner_id = filter_user_id
          AND d.document @@ parsed
        ORDER BY 4 DESC, d.scene_id
        LIMIT match_count;
END;
$$;
