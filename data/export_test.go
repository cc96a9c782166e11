package data

// Warm runs the warm-up of new pool connections, its errors unmasked.
var Warm = warm
