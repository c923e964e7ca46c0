"""Operations on accountability records; views, the API and the CLI call these and nothing else writes."""
