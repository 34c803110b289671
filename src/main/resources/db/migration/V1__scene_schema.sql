-- Scene, video and person tables with their embedding columns.
-- Additive on purpose: the product's database may already hold videos and video_scenes with a
-- subset of these columns, so every object is created only when missing.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE IF NOT EXISTS videos (
    id uuid PRIMARY KEY,
    owner_id uuid NOT NULL,
    status text NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'PROCESSING', 'READY', 'FAILED'))
);
ALTER TABLE videos ADD COLUMN IF NOT EXISTS status text;
ALTER TABLE videos ADD COLUMN IF NOT EXISTS embedding_spec_version text;
ALTER TABLE videos ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE videos ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE IF NOT EXISTS video_scenes (
    id uuid PRIMARY KEY,
    video_id uuid NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    owner_id uuid NOT NULL
);
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS owner_id uuid;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS scene_index integer;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS thumbnail_url text;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS transcript text;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS visual_description text;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS tags text[];
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS summary text;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS embedding_transcript vector(1536);
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS embedding_visual vector(1536);
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS embedding_summary vector(1536);
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS text_embedding_metadata jsonb;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS embedding_visual_clip vector(512);
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS visual_clip_metadata jsonb;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS embedding_spec_version text;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

-- An existing table that lacked owner_id gets it from its video; it becomes NOT NULL once complete.
UPDATE video_scenes s SET owner_id = v.owner_id
FROM videos v
WHERE s.owner_id IS NULL AND s.video_id = v.id;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM video_scenes WHERE owner_id IS NULL) THEN
        ALTER TABLE video_scenes ALTER COLUMN owner_id SET NOT NULL;
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS persons (
    id uuid PRIMARY KEY,
    owner_id uuid NOT NULL,
    name text
);
ALTER TABLE persons ADD COLUMN IF NOT EXISTS query_embedding vector(512);
ALTER TABLE persons ADD COLUMN IF NOT EXISTS embedding_spec_version text;
ALTER TABLE persons ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE persons ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE IF NOT EXISTS person_reference_photos (
    id uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    owner_id uuid NOT NULL,
    photo_url text NOT NULL
);
ALTER TABLE person_reference_photos ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'PENDING';
ALTER TABLE person_reference_photos ADD COLUMN IF NOT EXISTS embedding vector(512);
ALTER TABLE person_reference_photos ADD COLUMN IF NOT EXISTS embedding_metadata jsonb;
ALTER TABLE person_reference_photos ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE person_reference_photos ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE IF NOT EXISTS scene_person_embeddings (
    id uuid PRIMARY KEY,
    scene_id uuid NOT NULL REFERENCES video_scenes (id) ON DELETE CASCADE,
    owner_id uuid NOT NULL,
    person_id uuid REFERENCES persons (id) ON DELETE SET NULL
);
ALTER TABLE scene_person_embeddings ADD COLUMN IF NOT EXISTS bbox jsonb;
ALTER TABLE scene_person_embeddings ADD COLUMN IF NOT EXISTS embedding vector(512);
ALTER TABLE scene_person_embeddings ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();

-- CLIP search and monitoring (seeds' migration 017).
CREATE INDEX IF NOT EXISTS idx_video_scenes_embedding_visual_clip_hnsw
    ON video_scenes USING hnsw (embedding_visual_clip vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);
CREATE INDEX IF NOT EXISTS idx_video_scenes_has_visual_clip
    ON video_scenes (owner_id, video_id)
    WHERE embedding_visual_clip IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_video_scenes_visual_clip_metadata
    ON video_scenes USING gin (visual_clip_metadata);

-- What the pending-scene readers need: keyset order on id within the pending subset.
CREATE INDEX IF NOT EXISTS idx_video_scenes_clip_pending
    ON video_scenes (id)
    WHERE thumbnail_url IS NOT NULL AND embedding_visual_clip IS NULL;
CREATE INDEX IF NOT EXISTS idx_video_scenes_clip_failed
    ON video_scenes (id)
    WHERE thumbnail_url IS NOT NULL AND embedding_visual_clip IS NULL
      AND (visual_clip_metadata ->> 'error') IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_video_scenes_video_id ON video_scenes (video_id, id);
CREATE INDEX IF NOT EXISTS idx_video_scenes_owner_id ON video_scenes (owner_id, id);
CREATE INDEX IF NOT EXISTS idx_video_scenes_updated_at ON video_scenes (updated_at);
CREATE INDEX IF NOT EXISTS idx_person_reference_photos_person ON person_reference_photos (person_id);
CREATE INDEX IF NOT EXISTS idx_scene_person_embeddings_scene ON scene_person_embeddings (scene_id);

-- Tenant-safe similarity search: cosine similarity = 1 - cosine distance, one owner's scenes only.
CREATE OR REPLACE FUNCTION search_scenes_by_visual_clip_embedding(
    query_embedding vector(512),
    match_threshold float,
    match_count int,
    filter_user_id uuid
)
RETURNS TABLE (
    id uuid,
    video_id uuid,
    scene_index integer,
    thumbnail_url text,
    visual_description text,
    similarity float
)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF filter_user_id IS NULL THEN
        RAISE EXCEPTION 'filter_user_id is required: searches are scoped to one owner'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF query_embedding IS NULL THEN
        RAISE EXCEPTION 'query_embedding is required' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    SELECT s.id, s.video_id, s.scene_index, s.thumbnail_url, s.visual_description,
           (1 - (s.embedding_visual_clip <=> query_embedding))::float AS similarity
    FROM video_scenes s
    WHERE s.owner_id = filter_user_id
      AND s.embedding_visual_clip IS NOT NULL
      AND 1 - (s.embedding_visual_clip <=> query_embedding) >= match_threshold
    ORDER BY s.embedding_visual_clip <=> query_embedding
    LIMIT GREATEST(match_count, 0);
END;
$$;
