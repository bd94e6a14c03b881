// The declaration in include/fuzz_driver.h is all this target provides; libFuzzer
// (linked by -sanitize=fuzzer) defines LLVMFuzzerRunDriver.
#include "fuzz_driver.h"
