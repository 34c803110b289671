-- The embedding spec (reprocess): rows brought up to date record the spec's version and its
-- fingerprint; person query embeddings record what they were computed from.
-- Additive, as every migration here: it also applies to the product's existing database.
ALTER TABLE videos ADD COLUMN IF NOT EXISTS embedding_spec_fingerprint text;
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS embedding_spec_fingerprint text;
ALTER TABLE persons ADD COLUMN IF NOT EXISTS embedding_spec_fingerprint text;
ALTER TABLE persons ADD COLUMN IF NOT EXISTS query_embedding_metadata jsonb;

-- What the reprocess readers need: videos by owner and by update time, persons and photos by owner.
CREATE INDEX IF NOT EXISTS idx_videos_owner_id ON videos (owner_id, id);
CREATE INDEX IF NOT EXISTS idx_videos_updated_at ON videos (updated_at);
CREATE INDEX IF NOT EXISTS idx_persons_owner_id ON persons (owner_id, id);
CREATE INDEX IF NOT EXISTS idx_person_reference_photos_owner_id ON person_reference_photos (owner_id, id);
