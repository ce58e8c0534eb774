/// PIPL rights (issue 13): a person's data is found by phone to give them a copy (Art. 45) or to
/// erase it (Art. 47). Partners' contact phones already have a keyed lookup hash; orders' shipping
/// phones and saved addresses' phones get one too. Rows written before this version are hashed by
/// the platform when it opens, before it serves (their phones are encrypted, so SQL alone cannot).
/// An order whose personal data was erased records when.
enum Migration0015PersonalDataRights {
    static let migration = Migration(version: 15, name: "personal_data_rights") { _ in
        [
            "ALTER TABLE orders ADD COLUMN ship_phone_lookup TEXT",
            "CREATE INDEX orders_ship_phone_lookup ON orders (ship_phone_lookup)",
            "ALTER TABLE saved_addresses ADD COLUMN phone_lookup TEXT",
            "CREATE INDEX saved_addresses_phone_lookup ON saved_addresses (phone_lookup)",
            "ALTER TABLE orders ADD COLUMN personal_data_erased_at_ms BIGINT",
        ]
    }
}
