package com.heimdex.embeddings.pipeline;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CropBoxTest {

	private final BufferedImage image = numbered(40, 30);

	@Test
	void cutsThePixelsOfTheBoxIntoAnImageOfTheirOwn() {
		BufferedImage cut = new CropBox(5, 7, 10, 4).cut(this.image);

		assertThat(cut.getWidth()).isEqualTo(10);
		assertThat(cut.getHeight()).isEqualTo(4);
		assertThat(cut.getRaster().getMinX()).isZero();
		assertThat(cut.getRGB(0, 0)).isEqualTo(this.image.getRGB(5, 7));
		assertThat(cut.getRGB(9, 3)).isEqualTo(this.image.getRGB(14, 10));
	}

	@Test
	void aBoxPastTheEdgesIsCutAtThemAndOneOutsideIsRefused() {
		BufferedImage corner = new CropBox(35, 25, 20, 20).cut(this.image);

		assertThat(corner.getWidth()).isEqualTo(5);
		assertThat(corner.getHeight()).isEqualTo(5);
		assertThat(corner.getRGB(4, 4)).isEqualTo(this.image.getRGB(39, 29));
		assertThatIllegalArgumentException().isThrownBy(() -> new CropBox(40, 0, 5, 5).cut(this.image))
			.withMessageContaining("40x30");
		assertThatIllegalArgumentException().isThrownBy(() -> new CropBox(0, 0, 0, 5));
	}

	private static BufferedImage numbered(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (x << 16) | (y << 8) | (x + y));
			}
		}
		return image;
	}

}
