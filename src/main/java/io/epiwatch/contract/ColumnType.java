package io.epiwatch.contract;

/** How a column's text is read and checked (docs/rules.md §1, §2). */
public enum ColumnType {
  /** Free text, trimmed; empty = null. */
  STRING,
  /** Integer >= 0: NEGATIVE_COUNT below zero, BAD_NUMBER when not an integer. */
  COUNT,
  /** yyyy-MM-dd, yyyy/M/d or yyyyMMdd (BAD_DATE). */
  DATE,
  /** yyyy-MM-dd HH:mm[:ss] local time of the configured zone (BAD_DATE). */
  TIMESTAMP,
  /** 是/否, Y/N, 1/0, true/false (UNKNOWN_CODE otherwise). */
  BOOLEAN,
  /** One code of the column's vocabulary, by code or alias (UNKNOWN_CODE). */
  CODE,
  /** Several codes of the vocabulary separated by ; ； 、 or , (UNKNOWN_CODE). */
  CODE_LIST,
  /** An identity number, checked per the row's id_type (INVALID_ID_CHECKSUM for resident IDs). */
  ID_NUMBER,
  /** 学校标识码: exactly 10 digits (UNKNOWN_CODE when malformed; UNKNOWN_SCHOOL when not in schools). */
  SCHOOL_CODE,
  /** Administrative division code of exactly 6 digits. */
  DIVISION_CODE_6,
  /** Administrative division code of 6, 9 or 12 digits. */
  DIVISION_CODE,
  /** 6/9/12-digit division code, or an ISO 3166 alpha-2 country code when abroad is true. */
  DESTINATION_CODE,
  /** 1..4 (UNKNOWN_CODE otherwise). */
  DOSE_NUMBER
}
