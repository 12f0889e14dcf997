/** Nothing but a requirement no Prism 1.x meets: the install of its feature fails and says why. */
package com.example.prism.needsnewer;
