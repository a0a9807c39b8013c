BBBB BBBBBB BBBBBBBB gettext(u'Welcome to %(hub)s!') SSSSSSS SS SSSSSSSSBBBB gettext(u'Your application to %(hub)s') SSSS SSSSSSSSSSS SS SSSSSSSBBBBB
 gettext(u'Hello,') 

BB BBBBBBBBBB BBBBBBBBBBBB gettext(u'%(name)s is now a partner of %(hub)s.') SSSSSSSS SS SSS S SSSSSSS SS SSSSSSSSBBBB gettext(u'Your application to %(hub)s has been approved. You are now a member.') SSSS SSSSSSSSSSS SS SSSSSSS SSS SSSS SSSSSSSSS SSS SSS SSS S SSSSSSSBBBBB
 gettext(u'To appear in the member directory, give your consent on your profile page.') BBBB gettext(u'The stewards of %(hub)s could not approve the application this time.') SSS SSSSSSSS SS SSSSSSS SSSSS SSS SSSSSSS SSS SSSSSSSSSSS SSSS SSSSS

 gettext(u'Their reason:')  BBBBB

XX
