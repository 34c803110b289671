package com.heimdex.embeddings.testmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProtoMessageTest {

	@Test
	void encodesFieldsAsTheProtobufWireFormatDoes() throws IOException {
		// given: the examples of the protobuf encoding guide, plus a nested message and a float
		ProtoMessage nested = new ProtoMessage().varint(1, 150);
		ProtoMessage message = new ProtoMessage().varint(1, 300)
			.string(2, "testing")
			.message(3, nested)
			.float32(4, 1.0f)
			.varint(5, -1);

		// when
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);

		// then
		byte[] expected = bytes(0x08, 0xAC, 0x02, 0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g', 0x1A, 0x03, 0x08, 0x96,
				0x01, 0x25, 0x00, 0x00, 0x80, 0x3F, 0x28, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
		assertThat(out.toByteArray()).isEqualTo(expected);
		assertThat(message.serializedSize()).isEqualTo(expected.length);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
