namespace kopa {}
