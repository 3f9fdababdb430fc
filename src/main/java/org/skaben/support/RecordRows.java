package org.skaben.support;

import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SingleColumnRowMapper;

/**
 * How a route's {@code sql:} step with {@code outputClass} turns rows into objects: a record from the columns
 * named after its components ({@code person_id} fills {@code personId}), any other class (String, Long) from the
 * one column selected. camel-sql's default maps to JavaBeans only, and the rows here are records.
 */
public class RecordRows extends DefaultRowMapperFactory {

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> type) {
        return type.isRecord() ? new DataClassRowMapper<>(type) : SingleColumnRowMapper.newInstance(type);
    }
}
