package com.heimdex.embeddings.thumbnail;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a 2xx body of at most {@code maxBytes}: a larger {@code Content-Length} is refused
 * before any body byte is read, and a body without one is counted while it streams and cut off as
 * soon as it passes the limit. Bodies of other statuses are discarded (the result is
 * {@code null}).
 */
final class LimitedBodyHandler implements BodyHandler<byte[]> {

	private final long maxBytes;

	LimitedBodyHandler(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public BodySubscriber<byte[]> apply(ResponseInfo info) {
		if (info.statusCode() < 200 || info.statusCode() > 299) {
			return BodySubscribers.replacing(null);
		}
		OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
		if (declared.isPresent() && declared.getAsLong() > this.maxBytes) {
			return new LimitedBodySubscriber(this.maxBytes, tooLarge("Content-Length " + declared.getAsLong()));
		}
		return new LimitedBodySubscriber(this.maxBytes, null);
	}

	private ThumbnailException tooLarge(String what) {
		return new ThumbnailException(ThumbnailFailure.TOO_LARGE, what + " exceeds the limit of " + this.maxBytes + " bytes");
	}

	private final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

		private final long limit;

		private final ThumbnailException refusedUpFront;

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		private Flow.Subscription subscription;

		LimitedBodySubscriber(long limit, ThumbnailException refusedUpFront) {
			this.limit = limit;
			this.refusedUpFront = refusedUpFront;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.refusedUpFront != null) {
				subscription.cancel();
				this.body.completeExceptionally(this.refusedUpFront);
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.body.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				int length = buffer.remaining();
				if (this.buffer.size() + (long) length > this.limit) {
					this.subscription.cancel();
					this.body.completeExceptionally(tooLarge("streamed body"));
					return;
				}
				byte[] chunk = new byte[length];
				buffer.get(chunk);
				this.buffer.write(chunk, 0, length);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.body.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.buffer.toByteArray());
		}

	}

}
