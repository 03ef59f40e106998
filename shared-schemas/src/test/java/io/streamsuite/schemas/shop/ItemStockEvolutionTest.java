package io.streamsuite.schemas.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** Item v2 adds stock; every catalog record written before it must still read, as in stock. */
class ItemStockEvolutionTest {

    private static final Path HISTORY = Path.of("src/main/schema-history/shop/Item");

    @Test
    void v2AddsOnlyInStockWithDefaultTrue() throws IOException {
        Schema v1 = new Schema.Parser().parse(HISTORY.resolve("v1.avsc").toFile());
        Schema v2 = new Schema.Parser().parse(HISTORY.resolve("v2.avsc").toFile());
        assertThat(v2.getFields()).hasSize(v1.getFields().size() + 1);
        Schema.Field inStock = v2.getField("inStock");
        assertThat(inStock.schema().getType()).isEqualTo(Schema.Type.BOOLEAN);
        assertThat(inStock.defaultVal()).isEqualTo(true);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v2, v1).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v1, v2).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void itemWrittenWithV1ReadsAsInStock() throws IOException {
        Schema v1 = new Schema.Parser().parse(HISTORY.resolve("v1.avsc").toFile());
        GenericRecord old = new GenericData.Record(v1);
        old.put("itemId", "i-1");
        old.put("title", "Kettle");
        old.put("category", "kitchen");
        old.put("price", ByteBuffer.wrap(new java.math.BigDecimal("19.99").unscaledValue().toByteArray()));
        old.put("tags", List.of("steel"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
        encoder.flush();

        Item read = new SpecificDatumReader<Item>(v1, Item.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getItemId()).isEqualTo("i-1");
        assertThat(read.getCategory()).isEqualTo("kitchen");
        assertThat(read.getInStock()).isTrue();
    }
}
