BBBB BBBBBB BBBB BB BBBBBBBBB gettext(u'%(name)s wants to become a partner of %(hub)s') SSSSSSSS SSSSS SS SSSSSS S SSSSSSS SS SSSSSSSBBBB gettext(u'%(name)s wants to join %(hub)s') SSSSSSSS SSSSS SS SSSS SSSSSSSBBBBB
 gettext(u'Hello,') 

 gettext(u'There is a new application waiting for the stewards of %(hub)s.') SSSSS SS S SSS SSSSSSSSSSS SSSSSSS SSS SSS SSSSSSSS SS SSSSSSSS

 gettext(u'Review it here:')  XXXXXXXXXXXXXXXXXXXXXX
