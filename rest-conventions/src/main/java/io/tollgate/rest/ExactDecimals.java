package io.tollgate.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Money and other decimals are never binary floating-point numbers: decimals read into JSON trees
 * (merge patches, event data) stay exact {@code BigDecimal}s, trailing zeros included, so
 * 123456789012345.1234 is not rounded on its way in.
 */
@Singleton
public class ExactDecimals implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }
}
